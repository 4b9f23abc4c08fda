import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

interface ScreenFrameProps {
  readonly title: string;
  readonly className?: string;
  /** Where focus goes when the screen appears; the heading when not given. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  /** Buttons along the bottom: Back at the start, the main action at the end. */
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
}

/**
 * One screen: a heading that takes focus when the screen appears (so keyboard, keypad and
 * screen-reader users start at the top of the new screen), the content, and the actions row.
 */
export function ScreenFrame({ title, className, initialFocus, actions, children }: ScreenFrameProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    (initialFocus?.current ?? headingRef.current)?.focus();
  }, [initialFocus]);
  return (
    <main className={`screen ${className ?? ''}`} aria-labelledby={headingId}>
      <h1 id={headingId} ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <div className="screen-body">{children}</div>
      {actions ? <div className="screen-actions">{actions}</div> : null}
    </main>
  );
}
