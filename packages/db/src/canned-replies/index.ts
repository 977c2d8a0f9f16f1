export { listCannedReplies, createCannedReply, updateCannedReply, deleteCannedReply, type CannedReply } from './manage-canned-replies';
