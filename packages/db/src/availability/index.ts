export { handOnUnanswered, type AwayHandOn, type HandOnActor, type HandOnMove } from './hand-on-unanswered';
export { AWAY_HAND_ON, awayHandOnSchema, setWorkspaceAwayHandOn, setTeamAwayHandOn, getWorkspaceAwayHandOn } from './set-away-hand-on';
