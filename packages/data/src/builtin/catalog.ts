/** The names of the datasets shipped with @descent/data. */
export type DatasetName = 'iris' | 'wine' | 'breast-cancer' | 'digits';

/** What `listDatasets()` tells about a shipped dataset without loading it. */
export interface DatasetInfo {
  readonly name: DatasetName;
  readonly title: string;
  readonly samples: number;
  readonly features: number;
  readonly classes: number;
  /** Samples per class, in class-index order. */
  readonly classCounts: readonly number[];
  readonly description: string;
  /** The original dataset, and the copy these values were taken from. */
  readonly source: string;
  readonly licence: string;
  readonly citation: string;
}

const COPY =
  'values from the CSV copy in scikit-learn 1.2.1 (sklearn/datasets/data, BSD-3-Clause; Debian python3-sklearn)';
const UCI_LICENCE = 'CC BY 4.0, as the UCI Machine Learning Repository lists it; attribution in NOTICE.md';

/** Metadata of every shipped dataset, in a fixed order. */
export const CATALOG: readonly DatasetInfo[] = [
  {
    name: 'iris',
    title: 'Iris plants',
    samples: 150,
    features: 4,
    classes: 3,
    classCounts: [50, 50, 50],
    description:
      "Sepal and petal length and width (cm) of 50 flowers from each of three iris species. Setosa is linearly separable from the other two, which are not separable from each other. Fisher's values (as in R), which differ from the UCI file in two points.",
    source: `https://archive.ics.uci.edu/dataset/53/iris; ${COPY}`,
    licence: UCI_LICENCE,
    citation:
      'R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems", Annals of Eugenics 7(2), 179-188',
  },
  {
    name: 'wine',
    title: 'Wine recognition',
    samples: 178,
    features: 13,
    classes: 3,
    classCounts: [59, 71, 48],
    description:
      'Thirteen chemical measurements of wines grown in one region of Italy from three cultivars. Feature scales differ by three orders of magnitude (hue about 1, proline about 750): a case for standardization.',
    source: `https://archive.ics.uci.edu/dataset/109/wine; ${COPY}`,
    licence: UCI_LICENCE,
    citation:
      'M. Forina et al. (1988), PARVUS: an extendible package for data exploration, classification and correlation, Institute of Pharmaceutical and Food Analysis and Technologies, Genoa; S. Aeberhard, D. Coomans and O. de Vel (1992), "Comparison of classifiers in high dimensional settings", Tech. Rep. 92-02, James Cook University of North Queensland',
  },
  {
    name: 'breast-cancer',
    title: 'Breast cancer Wisconsin (diagnostic)',
    samples: 569,
    features: 30,
    classes: 2,
    classCounts: [212, 357],
    description:
      'Mean, standard error and worst value of ten cell-nucleus measurements from digitized images of fine needle aspirates of breast masses; class 0 is malignant, class 1 benign.',
    source: `https://archive.ics.uci.edu/dataset/17/breast+cancer+wisconsin+diagnostic; ${COPY}`,
    licence: UCI_LICENCE,
    citation:
      'W. N. Street, W. H. Wolberg and O. L. Mangasarian (1993), "Nuclear feature extraction for breast tumor diagnosis", IS&T/SPIE Symposium on Electronic Imaging, vol. 1905, 861-870',
  },
  {
    name: 'digits',
    title: 'Optical recognition of handwritten digits (8x8)',
    samples: 1797,
    features: 64,
    classes: 10,
    classCounts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
    description:
      'Handwritten digits from 13 writers: 32x32 bitmaps reduced to 8x8 by counting the set pixels in each 4x4 block, so each of the 64 features is an integer from 0 to 16 (row-major, pixel_row_column). The test set of the UCI data.',
    source: `https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits (optdigits.tes); ${COPY}`,
    licence: UCI_LICENCE,
    citation:
      'E. Alpaydin and C. Kaynak (1998), "Cascading classifiers", Kybernetika 34(4), 369-374; C. Kaynak (1995), MSc thesis, Bogazici University',
  },
];
