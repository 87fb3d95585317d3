import { SettingsSection } from '../components/SettingsSection';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { ChangeNoticesSection } from './ChangeNoticesSection';
import { EmailTemplateEditor } from './EmailTemplateEditor';
import { ReminderContentSection } from './ReminderContentForm';
import { RulesSection } from './RulesSection';
import { SmsTemplateEditor } from './SmsTemplateEditor';
import { UpcomingReminders } from './UpcomingReminders';

export function RemindersPage() {
  const { timeZone } = useMe();
  return (
    <Page title="Reminders" intro="When reminders go out, what they say, what they may include, and the ones waiting to be sent.">
      <div className="settings">
        <SettingsSection title="When reminders go out">
          <RulesSection />
        </SettingsSection>
        <SettingsSection title="Message templates">
          <h3 className="subsection-heading">SMS</h3>
          <SmsTemplateEditor />
          <h3 className="subsection-heading">Email</h3>
          <EmailTemplateEditor />
        </SettingsSection>
        <SettingsSection title="When appointments change">
          <ChangeNoticesSection />
        </SettingsSection>
        <SettingsSection title="What reminders may include">
          <ReminderContentSection />
        </SettingsSection>
        <SettingsSection title="Upcoming reminders">
          <UpcomingReminders timeZone={timeZone} />
        </SettingsSection>
      </div>
    </Page>
  );
}
