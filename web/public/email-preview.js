// Shows the HTML the template editor sends: in a frame sandboxed without scripts, under this page's policy, which lets
// an email's inline styles apply as they do in a mail app. Only the app's own pages may send it anything.
const frame = document.getElementById('email');
window.addEventListener('message', (event) => {
  if (event.origin === window.location.origin && event.source === window.parent && typeof event.data?.html === 'string') {
    frame.srcdoc = event.data.html;
  }
});
window.parent.postMessage('email-preview-ready', window.location.origin);
