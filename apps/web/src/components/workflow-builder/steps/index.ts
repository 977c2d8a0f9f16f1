import type { NodeKind, StepView } from './step-view';
import { triggerView } from './trigger';
import { assignView } from './assign';
import { waitView } from './wait';
import { branchView } from './branch';
import { commentView } from './comment';
import { closeView } from './close';
import { jumpView } from './jump';
import { sendMessageView } from './send-message';
import { timeBranchView } from './time-branch';
import { waitUntilView } from './wait-until';
import { setContactFieldView } from './set-contact-field';
import { tagContactView } from './tag-contact';
import { setPriorityView } from './set-priority';
import { httpRequestView } from './http-request';

export type { NodeKind, StepView } from './step-view';

/** Every node type's canvas view, one line each (a missing step type fails to compile). */
export const stepViews: Record<NodeKind, StepView> = {
  trigger: triggerView,
  assign: assignView,
  wait: waitView,
  branch: branchView,
  comment: commentView,
  close: closeView,
  jump: jumpView,
  send_message: sendMessageView,
  time_branch: timeBranchView,
  wait_until: waitUntilView,
  set_contact_field: setContactFieldView,
  tag_contact: tagContactView,
  set_priority: setPriorityView,
  http_request: httpRequestView,
};
