/**
 * The terminal's columns and rows, re-measured on resize (ink 6 has no useWindowSize). The
 * console lays its frame out from these so the live frame stays shorter than the terminal
 * (a frame of `rows` lines or more makes Ink clear and redraw the whole screen every time).
 */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

const FALLBACK: TerminalSize = { columns: 100, rows: 30 };

export function useTerminalSize(override?: Partial<TerminalSize>): TerminalSize {
  const { stdout } = useStdout();
  const measure = (): TerminalSize => ({
    columns: override?.columns ?? (stdout.columns || FALLBACK.columns),
    rows: override?.rows ?? (stdout.rows || FALLBACK.rows),
  });
  const [size, setSize] = useState(measure);
  useEffect(() => {
    const onResize = () => {
      const next = measure();
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // measure reads only stdout and the override, which are the dependencies.
  }, [stdout, override?.columns, override?.rows]);
  return size;
}
