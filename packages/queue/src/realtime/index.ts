export { realtimeEventSchema, realtimeChannel, parseRealtimeChannel, type RealtimeEvent } from './realtime-events';
export { RealtimePublisher } from './realtime-publisher';
