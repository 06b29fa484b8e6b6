/**
 * The number as printed: the group letter, a dash, then the digits, so "A", "0", "1" reads A-01.
 * Deleting the last digit also drops a dash left at the end.
 */
export function ticketNumberAsTyped(value: string): string {
  const plain = value.replace(/-/g, '');
  const match = /^([A-Z]+)(\d.*)$/.exec(plain);
  return match ? `${match[1]}-${match[2]}` : plain;
}
