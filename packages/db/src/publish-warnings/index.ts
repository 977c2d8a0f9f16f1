export { getPublishWarnings, WARNING_HISTORY_DAYS } from './get-publish-warnings';
