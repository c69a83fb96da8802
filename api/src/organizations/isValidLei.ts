const LEI = /^[0-9A-Z]{18}[0-9]{2}$/;

/** ISO 17442 Legal Entity Identifier: 18 alphanumerics and two check digits, valid when the number mod 97 is 1 (ISO 7064). */
export function isValidLei(lei: string): boolean {
  if (!LEI.test(lei)) return false;
  let remainder = 0;
  for (const character of lei) {
    const digits = /[0-9]/.test(character) ? character : String(character.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
