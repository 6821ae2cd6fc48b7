import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';

export interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step?: number | 'any';
  readonly integer?: boolean;
  readonly onChange: (value: number) => void;
  readonly hint?: string;
  readonly testId?: string | undefined;
}

/**
 * A labelled number input that commits on change (Enter or leaving the field) and keeps an invalid entry visible
 * with a message instead of applying it.
 */
export function NumberField(props: NumberFieldProps) {
  const { label, value, min, max, step = 'any', integer = false, onChange, hint } = props;
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setText(String(value));
    setError(undefined);
  }, [value]);
  const commit = (raw: string) => {
    const parsed = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(parsed)) return setError('enter a number');
    if (integer && !Number.isInteger(parsed)) return setError('enter a whole number');
    if (parsed < min || parsed > max) return setError(`between ${min} and ${max}`);
    setError(undefined);
    if (parsed !== value) onChange(parsed);
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined || hint !== undefined ? `${id}-note` : undefined}
        data-testid={props.testId}
        onInput={(event) => setText(event.currentTarget.value)}
        onChange={(event) => commit(event.currentTarget.value)}
      />
      {error !== undefined || hint !== undefined ? (
        <span id={`${id}-note`} class={error === undefined ? 'hint' : 'invalid'}>
          {error ?? hint}
        </span>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly (T | { readonly value: T; readonly label: string })[];
  readonly onChange: (value: T) => void;
  readonly testId?: string | undefined;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value as T)}
      >
        {props.options.map((option) => {
          const value = typeof option === 'string' ? option : option.value;
          const text = typeof option === 'string' ? option : option.label;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

export function CheckboxField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly testId?: string | undefined;
}) {
  const id = useId();
  return (
    <div class="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** A view's two or three sentences: what to look for, and the section of chapter 8 it illustrates. */
export function Explainer(props: { readonly section: string; readonly children: ComponentChildren }) {
  return (
    <p class="explainer">
      <span class="section">Deep Learning {props.section}</span> {props.children}
    </p>
  );
}
