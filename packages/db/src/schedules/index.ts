export { calendarColumns, calendarsFromColumns, type CalendarColumns } from './workspace-calendar';
export { loadWorkspaceCalendar } from './load-workspace-calendar.sql';
export { listSchedules, type StoredSchedule } from './list-schedules';
export { saveSchedule, deleteSchedule, type ScheduleInput } from './save-schedule';
export { setWorkspaceTimeZone, setUserTimeZone, getUserTimeZone, getWorkspaceTimeZone } from './time-zones';
