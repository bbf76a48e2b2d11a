/**
 * After a refused form (the form's own checks or the server's answer), moves focus to the first control marked
 * invalid inside `form` (an element or its id), or else to `fallback` (the alert above the form). Waits a frame, so
 * that the messages just rendered are in place.
 */
export function focusFirstProblem(form: HTMLElement | string, fallback?: { current: HTMLElement | null }): void {
  requestAnimationFrame(() => {
    const root = typeof form === 'string' ? document.getElementById(form) : form;
    const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null;
    (invalid ?? fallback?.current ?? null)?.focus();
  });
}
