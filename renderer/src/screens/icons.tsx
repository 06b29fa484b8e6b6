/** Simple line icons drawn inline: no image files to load, and they follow the text colour. */

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

export function BackIcon() {
  return (
    <svg {...common}>
      <path d="M30 10 16 24l14 14" />
    </svg>
  );
}

export function HomeIcon() {
  return (
    <svg {...common}>
      <path d="M8 22 24 8l16 14" />
      <path d="M12 20v20h24V20" />
      <path d="M20 40V29h8v11" />
    </svg>
  );
}

export function TouchIcon() {
  return (
    <svg {...common} viewBox="0 0 48 48">
      <path d="M19 26V9a3 3 0 0 1 6 0v13" />
      <path d="M25 21a3 3 0 0 1 6 0v3" />
      <path d="M31 23a3 3 0 0 1 6 0v7c0 7-4 12-11 12h-2c-4 0-7-2-9-5l-5-8a3 3 0 0 1 5-3l4 4" />
    </svg>
  );
}

export function PrinterIcon() {
  return (
    <svg {...common}>
      <path d="M14 18V6h20v12" />
      <rect x="6" y="18" width="36" height="16" rx="3" />
      <path d="M14 28h20v14H14z" />
      <path d="M19 35h10" />
    </svg>
  );
}

export function TicketIcon() {
  return (
    <svg {...common}>
      <path d="M12 4h24v40l-4-3-4 3-4-3-4 3-4-3-4 3z" />
      <path d="M18 14h12M18 21h12M18 28h8" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg {...common}>
      <path d="M24 5 3 42h42z" />
      <path d="M24 18v12" />
      <path d="M24 36v.5" />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg {...common}>
      <circle cx="24" cy="24" r="20" />
      <path d="m14 25 7 7 13-15" />
    </svg>
  );
}

export function UpIcon() {
  return (
    <svg {...common}>
      <path d="M10 30 24 16l14 14" />
    </svg>
  );
}

export function DownIcon() {
  return (
    <svg {...common}>
      <path d="M10 18 24 32l14-14" />
    </svg>
  );
}

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

export function SpeakerIcon() {
  return (
    <svg {...common}>
      <path d="M6 18h8l10-8v28l-10-8H6Z" />
      <path d="M31 17a10 10 0 0 1 0 14M36 12a17 17 0 0 1 0 24" />
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
