export { advanceRunMoves, type RunMoveDecision, type RunMovesPass } from './advance-run-moves.sql';
export { runsInFlightByStep } from './runs-in-flight-by-step';
export { getPublishImpact, type PublishImpactView } from './get-publish-impact';
export { listenRunMoves, RUN_MOVES_CHANNEL } from './listen-run-moves';
