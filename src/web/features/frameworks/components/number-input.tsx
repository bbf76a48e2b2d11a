import { useState } from 'react';
import type { InputHTMLAttributes } from 'react';

type NumberInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: number | undefined;
  /** `undefined` when the box is empty; NaN when it holds something that is not a number (the server says so). */
  onValueChange: (value: number | undefined) => void;
};

function show(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : String(value);
}

/**
 * A decimal number box that keeps what the user types ("1.", "-") while they type, and hands the parsed number
 * up. A new value from outside (reset, reload) replaces the text.
 */
export function NumberInput({ value, onValueChange, ...input }: NumberInputProps) {
  const [text, setText] = useState(show(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(value, seen)) {
    setSeen(value);
    const typed = text.trim() === '' ? undefined : Number(text);
    if (!Object.is(typed, value)) setText(show(value));
  }
  return (
    <input
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        const parsed = next.trim() === '' ? undefined : Number(next.replace(',', '.'));
        setSeen(parsed);
        onValueChange(parsed);
      }}
      {...input}
    />
  );
}
