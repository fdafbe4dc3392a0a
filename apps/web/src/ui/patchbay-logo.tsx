/** A patch panel: two jacks joined by a cable. Inline SVG, so it renders without any icon font. */
export function PatchbayLogo() {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="mr-2 inline-block h-5 w-5 align-[-3px] text-indigo-400"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <rect x="3" y="3" width="18" height="18" rx="4" />
      <circle cx="8.5" cy="8.5" r="1.8" fill="currentColor" />
      <circle cx="15.5" cy="15.5" r="1.8" fill="currentColor" />
      <path d="M8.5 10.5c0 4 7 1 7 3" />
    </svg>
  );
}
