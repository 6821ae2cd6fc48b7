import {
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  type Initializer,
  lecunNormal,
  lecunUniform,
  orthogonal,
  sparse,
  truncatedNormal,
  zeros,
} from '@descent/init';

interface InitializerEntry {
  readonly initializer: Initializer;
  readonly description: string;
}

/** Weight initializers by CLI name (`@descent/init`'s names). Biases start at zero. */
export const INITIALIZERS: Readonly<Record<string, InitializerEntry>> = {
  glorotUniform: {
    initializer: glorotUniform,
    description: 'normalized initialization U(±√(6/(fanIn+fanOut))) (Glorot & Bengio 2010, eq. 8.23); default',
  },
  glorotNormal: {
    initializer: glorotNormal,
    description: 'Glorot with a normal distribution, variance 2/(fanIn+fanOut)',
  },
  heUniform: { initializer: heUniform, description: 'He (Kaiming) uniform, variance 2/fanIn, for relu' },
  heNormal: { initializer: heNormal, description: 'He (Kaiming) normal, variance 2/fanIn, for relu' },
  lecunUniform: { initializer: lecunUniform, description: 'LeCun uniform, variance 1/fanIn' },
  lecunNormal: { initializer: lecunNormal, description: 'LeCun normal, variance 1/fanIn' },
  orthogonal: { initializer: orthogonal, description: 'a random orthogonal matrix (Saxe et al. 2014)' },
  sparse: { initializer: sparse, description: 'sparse initialization: k nonzero weights per unit (Martens 2010)' },
  truncatedNormal: {
    initializer: (shape, options) => truncatedNormal(shape, { ...options, std: 0.05 }),
    description: 'N(0, 0.05²) truncated at two standard deviations',
  },
  zeros: { initializer: zeros, description: 'all zeros: every hidden unit stays identical (symmetry, 8.4)' },
};

export const INITIALIZER_NAMES = Object.keys(INITIALIZERS);
