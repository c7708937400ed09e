/** The desk's contract for other features (import the desk only from here). */
export { deskHome, type DeskHome } from './day.ts';
export { DeskHomeSections } from './pages/home.tsx';
