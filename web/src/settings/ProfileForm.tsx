import { useCallback, useMemo, useState } from 'react';
import { updateProfile, type Me } from '../api/account';
import { LiveNotice } from '../components/LiveNotice';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { countryOptions, timeZoneOptions } from '../lib/placeOptions';
import { useSession } from '../session/SessionProvider';

const FIELDS = {
  businessName: { id: 'profile-business-name', label: 'Business name' },
  ownerName: { id: 'profile-owner-name', label: 'Your name' },
  country: { id: 'profile-country', label: 'Country' },
  timeZone: { id: 'profile-time-zone', label: 'Time zone' },
  businessAddress: { id: 'profile-business-address', label: 'Business address' },
  businessPhone: { id: 'profile-business-phone', label: 'Business phone' },
};

export function ProfileForm({ me }: { me: Me }) {
  const { updated } = useSession();
  const [businessName, setBusinessName] = useState(me.businessName);
  const [ownerName, setOwnerName] = useState(me.ownerName);
  const [country, setCountry] = useState(me.country);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [businessAddress, setBusinessAddress] = useState(me.businessAddress ?? '');
  const [businessPhone, setBusinessPhone] = useState(me.businessPhone ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const countries = useMemo(() => {
    const options = countryOptions();
    return options.some((option) => option.value === me.country) ? options : [{ value: me.country, label: me.country }, ...options];
  }, [me.country]);
  const timeZones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);

  const validate = useCallback(
    () =>
      validationProblem({
        businessName: businessName.trim() === '' && 'Enter the name of your business.',
        ownerName: ownerName.trim() === '' && 'Enter your name.',
      }),
    [businessName, ownerName],
  );
  const submit = useCallback(async () => {
    setSaved(null);
    updated(
      await updateProfile({
        businessName: businessName.trim(),
        ownerName: ownerName.trim(),
        country,
        timeZone,
        businessAddress: businessAddress.trim(),
        businessPhone: businessPhone.trim(),
      }),
    );
    setSaved('Your profile has been saved.');
  }, [businessName, ownerName, country, timeZone, businessAddress, businessPhone, updated]);
  const { problem, isSubmitting, onSubmit } = useFormSubmit(submit, validate);

  return (
    <form noValidate onSubmit={onSubmit} className="form">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <TextField {...FIELDS.businessName} value={businessName} onChange={setBusinessName} autoComplete="organization" errors={errorsFor(problem, 'businessName')} />
      <TextField {...FIELDS.ownerName} value={ownerName} onChange={setOwnerName} autoComplete="name" errors={errorsFor(problem, 'ownerName')} />
      <SelectField {...FIELDS.country} value={country} options={countries} onChange={setCountry} autoComplete="country" errors={errorsFor(problem, 'country')} />
      <SelectField
        {...FIELDS.timeZone}
        value={timeZone}
        options={timeZones}
        onChange={setTimeZone}
        hint="Reminder times and the dates on this page use this time zone."
        errors={errorsFor(problem, 'timeZone')}
      />
      <TextField
        {...FIELDS.businessAddress}
        value={businessAddress}
        onChange={setBusinessAddress}
        autoComplete="street-address"
        required={false}
        hint="On one line, as clients should see it: at the foot of reminder emails and in {BusinessAddress}."
        errors={errorsFor(problem, 'businessAddress')}
      />
      <TextField
        {...FIELDS.businessPhone}
        value={businessPhone}
        onChange={setBusinessPhone}
        type="tel"
        autoComplete="tel"
        required={false}
        hint="The number clients can call: at the foot of reminder emails and in {BusinessPhone}."
        errors={errorsFor(problem, 'businessPhone')}
      />
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? 'Saving…' : 'Save profile'}
      </button>
      <LiveNotice message={saved} />
    </form>
  );
}
