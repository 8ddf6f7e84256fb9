// Service worker of the Job Insight pages: shows mention notifications sent by Web Push
// and opens the report when one is clicked.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = { title: 'Job Insight', body: event.data ? event.data.text() : '' };
  }
  const title = data.title || 'Job Insight';
  event.waitUntil(self.registration.showNotification(title, {
    body: data.body || '',
    icon: '/static/favicon.svg',
    data: { url: data.url || '/mentions' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/mentions';
  event.waitUntil(self.clients.openWindow(url));
});
