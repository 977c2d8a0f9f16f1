export { capacitySchema, capacityTextSchema } from './capacity-input';
export { setWorkspaceCapacity, setTeamCapacity, setMemberCapacity } from './set-capacity';
export {
  listMemberLoads,
  getMemberLoad,
  getWorkspaceCapacity,
  type MemberLoad,
} from './member-load';
export { memberCapacitySql } from './member-capacity.sql';
