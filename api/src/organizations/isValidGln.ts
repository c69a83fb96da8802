/** GS1 Global Location Number: 13 digits whose last is the GS1 mod-10 check digit. */
export function isValidGln(gln: string): boolean {
  if (!/^\d{13}$/.test(gln)) return false;
  const digits = [...gln].map(Number);
  const check = digits.pop()!;
  // Weights 3, 1, 3, … from the rightmost digit before the check digit.
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
