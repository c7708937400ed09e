/** The home-service pages' few extra rules (served at /console/home-service/style.css; the CSP forbids inline styles). */
export const HOME_SERVICE_CSS = `
.hs-figures { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr)); gap: .6rem; }
.hs-figures li { border: 1px solid var(--line); border-left: 6px solid var(--brand); padding: .5rem .8rem; }
.hs-figures strong { display: block; font-size: 1.6rem; line-height: 1.1; }
.badge.hs-new { background: #fff4e5; border-color: var(--warn); }
.badge.hs-scheduled { background: #e8f0fe; border-color: var(--brand); }
.badge.hs-done { background: #e6f4ea; border-color: var(--ok); }
.badge.hs-cancelled { background: #eeeeee; border-color: var(--muted); }
.hs-print-only { display: none; }
.tracking-code { font-size: 1.6rem; letter-spacing: .08em; font-family: "Noto Sans Mono", "Liberation Mono", monospace; }
form.home-request { max-width: 32rem; }
form.home-request textarea { min-height: 3.5rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  .hs-print-only { display: block; }
  .no-print { display: none !important; }
  table.hs-day { font-size: 11pt; }
  table.hs-day th, table.hs-day td { border: 1px solid #000; padding: 4pt 5pt; }
  table.hs-day tr { break-inside: avoid; }
  table.hs-day thead { display: table-header-group; }
  .hs-sign { min-height: 18mm; font-size: 8pt; color: #333; }
  table.hs-day td[data-label]::before { content: none !important; }
}
`;
