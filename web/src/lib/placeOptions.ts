import type { SelectOption } from '../forms/SelectField';

// ISO 3166-1 alpha-2 codes; names come from the browser so they follow the owner's language.
const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

export const FALLBACK_COUNTRY = 'GB';
export const FALLBACK_TIME_ZONE = 'Europe/London';

export function countryOptions(locale?: string): SelectOption[] {
  const names = regionNames(locale);
  return COUNTRY_CODES.map((code) => ({ value: code, label: names?.of(code) ?? code })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
}

function regionNames(locale: string | undefined): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames(locale === undefined ? undefined : [locale], { type: 'region' });
  } catch {
    return null;
  }
}

/** The region of the browser's language ("en-AU" → "AU"), or GB. */
export function defaultCountry(language: string | undefined = globalThis.navigator?.language): string {
  if (language !== undefined && language !== '') {
    try {
      const region = new Intl.Locale(language).region;
      if (region !== undefined && COUNTRY_CODES.includes(region)) {
        return region;
      }
    } catch {
      // An unparseable language tag: fall back below.
    }
  }
  return FALLBACK_COUNTRY;
}

export function defaultTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zone === '' ? FALLBACK_TIME_ZONE : zone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

/** Every IANA zone the browser knows, always including `current` so a saved or detected zone stays selectable. */
export function timeZoneOptions(current: string): SelectOption[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (current !== '' && !zones.includes(current)) {
    zones = [...zones, current].sort();
  }
  return zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}
