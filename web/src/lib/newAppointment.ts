/** Router state to start with a client chosen, e.g. from the client's page. */
export interface NewAppointmentState {
  client: { id: string; name: string };
}
