/** Icons of the search and accessibility controls, drawn like those in icons.tsx. */

const common = {
  viewBox: '0 0 48 48',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 4,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
  focusable: false,
  className: 'icon',
} as const;

export function SearchIcon() {
  return (
    <svg {...common}>
      <circle cx="21" cy="21" r="12" />
      <path d="m30 30 10 10" />
    </svg>
  );
}

export function LargeTextIcon() {
  return (
    <svg {...common}>
      <path d="M6 38 16 12l10 26M9 30h14M30 38l6-16 6 16M32 33h8" />
    </svg>
  );
}

export function ContrastIcon() {
  return (
    <svg {...common}>
      <circle cx="24" cy="24" r="16" />
      <path d="M24 8a16 16 0 0 1 0 32Z" fill="currentColor" />
    </svg>
  );
}

export function LowReachIcon() {
  return (
    <svg {...common}>
      <path d="M24 6v26M14 22l10 10 10-10M8 42h32" />
    </svg>
  );
}

export function BackspaceIcon() {
  return (
    <svg {...common}>
      <path d="M18 10h22v28H18L6 24Z" />
      <path d="m24 18 10 12M34 18 24 30" />
    </svg>
  );
}
