// Renders its children once the placeholder comes near the viewport (IntersectionObserver), so
// that what is below the fold — the home page's charts — is fetched and drawn only when wanted.
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';

export default function WhenVisible({
  children,
  minHeight,
  margin = '200px',
}: {
  children: ReactNode;
  /** Height kept free until then, so the page does not jump when the content arrives. */
  minHeight: number;
  /** How far below the viewport loading starts. */
  margin?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (seen || !box.current) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: margin },
    );
    io.observe(box.current);
    return () => io.disconnect();
  }, [seen, margin]);
  return seen ? <>{children}</> : <div ref={box} style={{ minHeight }} />;
}
