/**
 * Colours, in one place. With NO_COLOR set (https://no-color.org) every colour is undefined, so
 * components render without colour props at all; emphasis that is not colour (bold, inverse, the
 * ❯ pointer) still marks the focus.
 */
import { createContext } from 'react';

export interface Theme {
  accent?: string;
  warn?: string;
  ok?: string;
  subtle?: string;
}

export function createTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return {};
  return { accent: 'cyan', warn: 'yellow', ok: 'green', subtle: 'gray' };
}

export const ThemeContext = createContext<Theme>(createTheme());
