import type { AnchorHTMLAttributes, ButtonHTMLAttributes } from 'react';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary';

interface StyleProps {
  variant?: ButtonVariant;
  size?: 'medium' | 'small';
}

export function buttonClassName({ variant = 'primary', size = 'medium' }: StyleProps, extra?: string): string {
  return [styles.button, styles[variant], size === 'small' ? styles.small : '', extra ?? ''].filter((c) => c !== '').join(' ');
}

export function Button({ variant, size, className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & StyleProps) {
  return <button type={type} className={buttonClassName({ variant, size }, className)} {...props} />;
}

/** A link that looks like a button, for downloads and other plain URLs. */
export function ButtonLink({ variant, size, className, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & StyleProps) {
  return <a className={buttonClassName({ variant, size }, className)} {...props} />;
}
