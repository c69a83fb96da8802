/** "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" → "0xf39F…2266", for tables; the full value goes in a title. */
export function shortenHex(value: string, visible = 4): string {
  if (value.length <= 2 + visible * 2 + 1) return value;
  return `${value.slice(0, 2 + visible)}…${value.slice(-visible)}`;
}
