// Posts a customer message to the demo channel with the demo API key, through the typed
// client (@baton/api-client): scripts/send-demo-message.sh [text] [contact external id].
import { randomUUID } from 'node:crypto';
import { createBatonClient } from '@baton/api-client';

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run ./scripts/dev.sh once (it writes .data/demo.env)`);
  return value;
};

const baton = createBatonClient({ baseUrl: need('BATON_URL'), apiKey: need('BATON_API_KEY') });
const text = process.argv[2] || 'Hello, is anyone there?';
const contact = process.argv[3] || `demo-${Math.floor(Date.now() / 1000)}`;

const { data, error, response } = await baton.POST('/channels/{id}/messages', {
  params: { path: { id: need('BATON_CHANNEL_ID') }, header: { 'Idempotency-Key': randomUUID() } },
  body: { contact: { externalId: contact, name: 'Demo Customer' }, text },
});
if (error) {
  console.error(`HTTP ${response.status}: ${JSON.stringify(error)}`);
  process.exit(1);
}
console.log(JSON.stringify(data));
