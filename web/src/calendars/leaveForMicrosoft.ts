/** Sends the browser to Microsoft's sign-in page; it comes back to /calendars through the API's callback. */
export function leaveForMicrosoft(authorizeUrl: string): void {
  window.location.assign(authorizeUrl);
}
