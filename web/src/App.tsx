import { Route, Routes } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import {
  AppointmentsPage,
  CalendarsPage,
  ClientsPage,
  DashboardPage,
  MessagesPage,
  RemindersPage,
  SettingsPage,
} from './pages/PlaceholderPages';
import { StatusPage } from './status/StatusPage';

export function App() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="clients" element={<ClientsPage />} />
        <Route path="appointments" element={<AppointmentsPage />} />
        <Route path="calendars" element={<CalendarsPage />} />
        <Route path="reminders" element={<RemindersPage />} />
        <Route path="messages" element={<MessagesPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="status" element={<StatusPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
