export interface NavItem {
  path: string;
  label: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/clients', label: 'Clients' },
  { path: '/appointments', label: 'Appointments' },
  { path: '/calendars', label: 'Calendars' },
  { path: '/reminders', label: 'Reminders' },
  { path: '/conversations', label: 'Conversations' },
  { path: '/messages', label: 'Messages' },
  { path: '/settings', label: 'Settings' },
];
