/**
 * The volunteers pages' own stylesheet (served at /console/volunteers/style.css; the pages link
 * it from their body, the CSP allows 'self'). Big touch targets on a 360 px phone, a week grid
 * that prints on one landscape sheet.
 */
export const VOLUNTEERS_CSS = `
.vt-date { margin: -.4rem 0 .8rem; color: var(--muted); }
.vt-state { border: 2px solid var(--line); border-left: 8px solid var(--muted); padding: .7rem .9rem; margin: .8rem 0; }
.vt-state.on { border-left-color: var(--ok); background: #e6f4ea; }
.vt-state p { margin: .2rem 0; }
.vt-state form { margin: 0; }
.vt-state button { width: 100%; margin-top: .6rem; font-size: 1.2rem; font-weight: 700; padding: .9rem 1rem; }
.vt-kinds { display: grid; grid-template-columns: 1fr; gap: .6rem; margin: .6rem 0 1rem; }
@media (min-width: 30rem) { .vt-kinds { grid-template-columns: 1fr 1fr; } }
.vt-kinds form { margin: 0; }
.vt-kinds button { width: 100%; min-height: 4rem; margin: 0; display: flex; justify-content: space-between; align-items: center; gap: .6rem; text-align: left; font-size: 1.1rem; font-weight: 700; background: var(--brand); box-shadow: 0 3px 0 var(--brand-dark); padding: .7rem .9rem; }
.vt-kinds button .vt-n { flex: 0 0 auto; min-width: 2.2rem; text-align: center; background: #fff; color: var(--brand-dark); border-radius: 1rem; padding: .05rem .5rem; font-size: 1rem; }
.vt-done { padding: .6rem .9rem; border-left: 6px solid var(--ok); background: #e6f4ea; margin: .8rem 0; font-weight: 600; }
.vt-log { list-style: none; padding: 0; margin: 0; }
.vt-log li { display: flex; justify-content: space-between; align-items: center; gap: .5rem; border-bottom: 1px solid var(--line); padding: .35rem 0; }
.vt-log li form { margin: 0; }
.vt-log li button { margin: 0; padding: .3rem .7rem; }
.vt-links { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; margin: 1rem 0; }
.vt-links a { font-weight: 700; }
.vt-more > summary { cursor: pointer; font-weight: 700; color: var(--brand-dark); padding: .5rem 0; }
.vt-more form { max-width: 26rem; }
.vt-board td form { margin: 0; }
.vt-board td button { margin: 0; padding: .35rem .8rem; }
.vt-week { table-layout: fixed; }
.vt-week th, .vt-week td { border: 1px solid var(--line); padding: .3rem .4rem; font-size: .9rem; }
.vt-week td.off, .vt-week th.off { background: #fbe9e7; }
.vt-week .vt-shift { display: block; margin: .15rem 0 .35rem; }
.vt-week .vt-shift form { display: inline; }
.vt-week .vt-shift button { margin: 0 0 0 .3rem; padding: 0 .4rem; font-size: .8rem; }
.vt-flag { color: var(--accent); font-weight: 700; }
.vt-figs { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr)); gap: .6rem; margin: 1rem 0; padding: 0; list-style: none; }
.vt-figs li { border: 1px solid var(--line); border-top: 5px solid var(--brand); padding: .5rem .7rem; }
.vt-figs strong { display: block; font-size: 1.8rem; line-height: 1.1; color: var(--brand-dark); }
.vt-print-title { display: none; }
@media (max-width: 40rem) { .vt-week-wrap { overflow-x: auto; } .vt-week { min-width: 44rem; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .vt-links, .vt-more, .vt-noprint, details { display: none !important; }
  .vt-print-title { display: block; text-align: center; }
  .vt-week { font-size: 10pt; min-width: 0; }
  .vt-week td.off, .vt-week th.off { background: none; }
  .vt-week-wrap { overflow: visible; }
}
`;
