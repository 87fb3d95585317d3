import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { AccountClosedPage } from './account/AccountClosedPage';
import type { ClientStatus } from './api/clients';
import { AnswerPage } from './answers/AnswerPage';
import { ConfirmEmailPage } from './account/ConfirmEmailPage';
import { ConfirmSignUpPage } from './account/ConfirmSignUpPage';
import { ForgotPasswordPage } from './account/ForgotPasswordPage';
import { ResetPasswordPage } from './account/ResetPasswordPage';
import { SignInPage } from './account/SignInPage';
import { SignUpPage } from './account/SignUpPage';
import { AppointmentPage } from './appointments/AppointmentPage';
import { AppointmentsPage } from './appointments/AppointmentsPage';
import { NewAppointmentPage } from './appointments/NewAppointmentPage';
import { CalendarsPage } from './calendars/CalendarsPage';
import { ReviewPage } from './calendars/ReviewPage';
import { ClientPage } from './clients/ClientPage';
import { ClientsPage } from './clients/ClientsPage';
import { ImportClientsPage } from './clients/import/ImportClientsPage';
import { NewClientPage } from './clients/NewClientPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DataPage } from './data/DataPage';
import { AppLayout } from './layout/AppLayout';
import { ClientLayout } from './layout/ClientLayout';
import { PublicLayout } from './layout/PublicLayout';
import { SessionLayout } from './layout/SessionLayout';
import { HistoryPage } from './messages/HistoryPage';
import { MessagesPage } from './messages/MessagesPage';
import { NewMessagePage } from './messages/NewMessagePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { HomePage } from './public/HomePage';
import { PrivacyPage } from './public/PrivacyPage';
import { SupportPage } from './public/SupportPage';
import { RemindersPage } from './reminders/RemindersPage';
import { RequireSignIn } from './session/RequireSignIn';
import { SessionProvider } from './session/SessionProvider';
import { SettingsPage } from './settings/SettingsPage';
import { StatusPage } from './status/StatusPage';
import { UnsubscribePage } from './unsubscribe/UnsubscribePage';

// Conversations load when first shown, to keep the first screen's JavaScript within its budget (AppLayout waits for a page).
const ConversationsPage = lazy(() => import('./conversations/ConversationsPage').then((module) => ({ default: module.ConversationsPage })));
const ClientConversation = lazy(() => import('./conversations/ClientConversation').then((module) => ({ default: module.ClientConversation })));

/** The conversations feature's part of a client's page; it starts again when the client's status changes what can be sent. */
function clientConversation(client: { id: string; name: string; status: ClientStatus }) {
  return (
    <Suspense key={`${client.id}:${client.status}`} fallback={<p role="status" className="card card--roomy">Loading the conversation…</p>}>
      <ClientConversation clientId={client.id} clientName={client.name} />
    </Suspense>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route element={<PublicLayout />}>
          <Route index element={<HomePage />} />
          <Route path="signup" element={<SignUpPage />} />
          <Route path="login" element={<SignInPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route path="confirm" element={<ConfirmSignUpPage />} />
          <Route path="closed" element={<AccountClosedPage />} />
        </Route>
        <Route element={<ClientLayout />}>
          <Route path="unsubscribe" element={<UnsubscribePage />} />
          <Route path="u/:token" element={<UnsubscribePage />} />
          <Route path="a/:token" element={<AnswerPage />} />
        </Route>
        <Route element={<SessionLayout />}>
          <Route path="confirm-email" element={<ConfirmEmailPage />} />
          <Route path="privacy" element={<PrivacyPage />} />
          <Route path="support" element={<SupportPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route element={<RequireSignIn />}>
          <Route element={<AppLayout />}>
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="clients" element={<ClientsPage />} />
            <Route path="clients/new" element={<NewClientPage />} />
            <Route path="clients/import" element={<ImportClientsPage />} />
            <Route path="clients/:id" element={<ClientPage conversation={clientConversation} />} />
            <Route path="data" element={<DataPage />} />
            <Route path="appointments" element={<AppointmentsPage />} />
            <Route path="appointments/new" element={<NewAppointmentPage />} />
            <Route path="appointments/:id" element={<AppointmentPage />} />
            <Route path="calendars" element={<CalendarsPage />} />
            <Route path="calendars/review" element={<ReviewPage />} />
            <Route path="reminders" element={<RemindersPage />} />
            <Route path="conversations" element={<ConversationsPage />} />
            <Route path="messages" element={<MessagesPage />} />
            <Route path="messages/new" element={<NewMessagePage />} />
            <Route path="messages/history" element={<HistoryPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="status" element={<StatusPage />} />
          </Route>
        </Route>
      </Routes>
    </SessionProvider>
  );
}
