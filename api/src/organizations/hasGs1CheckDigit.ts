/** Whether a string of digits ends with its GS1 mod-10 check digit (GTIN, GLN, GSRN, EAN-18). */
export function hasGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  const values = [...digits].map(Number);
  const check = values.pop()!;
  // Weights 3, 1, 3, … from the rightmost digit before the check digit.
  const sum = values.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
