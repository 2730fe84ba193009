// Stroke icons on a 24x24 grid, drawn as path data so they render inline (no network, no fonts).

function circle(cx: number, cy: number, r: number): string {
  return `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

export const ICONS = {
  logo: ['M3 20V11a9 9 0 0 1 18 0v9', 'M2 20h20', 'M8 20v-6h8v6', 'M8 17h8'],
  environments: ['M12 2 2 7l10 5 10-5-10-5z', 'm2 12 10 5 10-5', 'm2 17 10 5 10-5'],
  blueprints: ['M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z', 'M3 9h18', 'M9 21V9'],
  profiles: [circle(8, 15, 4), 'm10.85 12.15 8.65-8.65', 'm18 5 2 2', 'm15 8 2 2'],
  history: [circle(12, 12, 9), 'M12 7v5l3 2'],
  sun: [
    circle(12, 12, 4),
    'M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M4.93 19.07l1.41-1.41M17.66 6.34l1.41-1.41',
  ],
  moon: ['M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z'],
  close: ['M18 6 6 18', 'm6 6 12 12'],
  arrowRight: ['M5 12h14', 'm13 6 6 6-6 6'],
  refresh: ['M21 12a9 9 0 1 1-2.64-6.36L21 8', 'M21 3v5h-5'],
  alert: [circle(12, 12, 9), 'M12 8v4', 'M12 16h.01'],
  flask: ['M9 3h6', 'M10 3v6l-5 9a2 2 0 0 0 1.7 3h10.6a2 2 0 0 0 1.7-3l-5-9V3', 'M7.5 15h9'],
  user: [circle(12, 8, 4), 'M4 21a8 8 0 0 1 16 0'],
  plus: ['M12 5v14', 'M5 12h14'],
  pencil: ['M17 3a2.85 2.85 0 0 1 4 4L7.5 20.5 2 22l1.5-5.5z'],
  trash: ['M3 6h18', 'M8 6V4h8v2', 'M19 6l-1 14H6L5 6'],
  check: ['M20 6 9 17l-5-5'],
  plug: ['M9 2v6', 'M15 2v6', 'M6 8h12v4a6 6 0 0 1-12 0z', 'M12 18v4'],
  download: ['M12 3v12', 'm7 10 5 5 5-5', 'M5 21h14'],
  chevronDown: ['m6 9 6 6 6-6'],
} as const;

export type IconName = keyof typeof ICONS;
