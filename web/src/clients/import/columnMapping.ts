import type { ColumnMapping } from '../../api/clients';
import type { SelectOption } from '../../forms/SelectField';

export const NAME_PARTS = 3;
export const NO_COLUMN = '';

/** The form's view of a mapping: select values, '' for "no column". */
export interface MappingChoice {
  name: string[];
  mobile: string;
  email: string;
}

export function choiceFrom(mapping: ColumnMapping): MappingChoice {
  const name = mapping.name.slice(0, NAME_PARTS).map(String);
  return {
    name: [...name, ...Array<string>(NAME_PARTS - name.length).fill(NO_COLUMN)],
    mobile: mapping.mobile === null ? NO_COLUMN : String(mapping.mobile),
    email: mapping.email === null ? NO_COLUMN : String(mapping.email),
  };
}

export function mappingFrom(choice: MappingChoice): ColumnMapping {
  return {
    name: choice.name.filter((value) => value !== NO_COLUMN).map(Number),
    mobile: choice.mobile === NO_COLUMN ? null : Number(choice.mobile),
    email: choice.email === NO_COLUMN ? null : Number(choice.email),
  };
}

/** One option per column, named by its heading; columns without one, or with a repeated one, say which column they are. */
export function columnOptions(headers: readonly string[], none: string): SelectOption[] {
  return [
    { value: NO_COLUMN, label: none },
    ...headers.map((header, index) => {
      const repeated = headers.indexOf(header) !== index || headers.lastIndexOf(header) !== index;
      const label = header.trim() === '' ? `Column ${index + 1}` : repeated ? `${header} (column ${index + 1})` : header;
      return { value: String(index), label };
    }),
  ];
}

/** "First Name + Last Name" */
export function describeColumns(headers: readonly string[], columns: readonly number[]): string {
  return columns.map((column) => headers[column]?.trim() || `Column ${column + 1}`).join(' + ');
}
