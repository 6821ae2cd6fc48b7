import { METHOD_INFO, type Method, type MethodConfig, normalizeConfig, paramValue } from '../model/methods.js';
import { NumberField, SelectField } from './fields.js';

export interface MethodEditorProps {
  readonly config: MethodConfig;
  readonly methods: readonly Method[];
  readonly onChange: (config: MethodConfig) => void;
  readonly label?: string;
  /** Hide the clipping field (the lab has none). */
  readonly hideClip?: boolean;
  readonly testId?: string | undefined;
}

/** Picks a method and edits its hyperparameters. */
export function MethodEditor(props: MethodEditorProps) {
  const { config, methods, onChange, label = 'method', hideClip = false } = props;
  const info = METHOD_INFO[config.method];
  return (
    <div class="method-editor">
      <SelectField
        label={label}
        value={config.method}
        options={methods.map((m) => ({ value: m, label: METHOD_INFO[m].title }))}
        testId={props.testId}
        onChange={(method) => onChange({ method, params: {} })}
      />
      {info.params
        .filter((spec) => !(hideClip && spec.key === 'clip'))
        .map((spec) => (
          <NumberField
            key={spec.key}
            label={spec.label}
            value={paramValue(config, spec.key)}
            min={spec.min}
            max={spec.max}
            step={spec.step ?? 'any'}
            integer={spec.key === 'm'}
            onChange={(value) =>
              onChange(normalizeConfig({ method: config.method, params: { ...config.params, [spec.key]: value } }))
            }
          />
        ))}
    </div>
  );
}
