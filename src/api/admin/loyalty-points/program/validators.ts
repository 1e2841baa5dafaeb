import { ProgramSettingsPatchSchema } from "../../../../types/program-settings"

/** Any subset of the programme's settings; unknown fields are refused. */
export const AdminUpdateProgramSchema = ProgramSettingsPatchSchema
