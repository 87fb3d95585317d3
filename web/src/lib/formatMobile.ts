// Country calling codes of one and two digits; every other code has three (ITU-T E.164 assignments).
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 ' +
    '60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

/** "+447700900123" → "+44 7700 900123", for reading; anything not E.164 is shown as it is. */
export function formatMobile(e164: string): string {
  const match = /^\+(\d{6,15})$/.exec(e164);
  if (match === null || match[1] === undefined) {
    return e164;
  }
  const digits = match[1];
  const codeLength = ONE_DIGIT_CODES.has(digits.slice(0, 1)) ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  const code = digits.slice(0, codeLength);
  const national = digits.slice(codeLength);
  return `+${code} ${groupNational(code, national)}`;
}

function groupNational(code: string, national: string): string {
  if (code === '44' && national.length === 10) {
    return `${national.slice(0, 4)} ${national.slice(4)}`;
  }
  if (code === '1' && national.length === 10) {
    return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  }
  const groups: string[] = [];
  let rest = national;
  while (rest.length > 4) {
    groups.push(rest.slice(0, 3));
    rest = rest.slice(3);
  }
  groups.push(rest);
  return groups.join(' ');
}
