// English messages for every error code the backend can send. Keyed by the generated
// ErrorCode type, so a new code fails the type check until it has a message here.
import type { ErrorCode } from './bindings/ErrorCode';

export const errorMessagesEn: Record<ErrorCode, string> = {
  not_found: 'This record could not be found. It may have been merged or deleted; please search again.',
  database: 'The population register on this computer could not be read. Please try again; if the problem persists, tell your technical support officer.',
  register_not_ready: 'The population register is not ready yet. Please wait a moment and try again.',
  schema_too_new: 'This population register was created by a newer version of MotCua. Please update the software to open it.',
  register_locked: "The ward's population register is encrypted. Please sign in with an officer account to open it.",
  wrong_password:
    'Incorrect username or password. Please check your Vietnamese input method and the Caps Lock key, then try again.',
  keyring_missing:
    'The key file (.keys) that goes with the population register is missing, so the register cannot be opened. Please copy this file back from the backup together with the register.',
  account_disabled: 'This account has been disabled. Please contact the ward administrator.',
  forbidden: "This account's role is not allowed to do this. Please ask an authorised officer.",
  invalid_account:
    'The account details are not valid: the username must use lower-case letters without diacritics, digits and full stops (3–32 characters), the password must be at least 8 characters, and the PIN must be 4 to 8 digits.',
  stale_edit: 'This record has been changed elsewhere since you opened it. Please reopen the record to see the new values, then make your edit again.',
  invalid_edit: 'This field cannot be changed to the value entered. Please check the value.',
  device_unknown: 'The ward server does not recognise this computer. Please ask the ward administrator for a new device enrolment code.',
  device_revoked:
    "This computer has been revoked by the ward administrator, so the ward's population register on it has been deleted. Please contact the ward administrator if you need to enrol it again.",
  enroll_failed:
    'Could not enrol with the ward server. Please check the server address, the enrolment code (each code can be used only once) and the certificate fingerprint provided by the ward administrator.',
  wrong_pin: 'Incorrect PIN. After more than 3 wrong attempts you will have to sign in again with your password.',
  pin_exhausted: 'The PIN has been entered incorrectly 3 times. Please sign in again with your password.',
  locked_out: 'Too many incorrect password attempts. Please wait a while and try again; the waiting time increases after each further wrong attempt.',
  no_ward_register: "The ward does not have a population register on this computer yet. Please import the ward's extract file first.",
  file_unreadable:
    'The file could not be read. Please check the path, the permission to read the file, and that the file is in CSV (UTF-8) or Excel (.xlsx) format.',
  file_no_header: 'The file is empty or has no header row. The first row must contain the column names from the extract template.',
  file_missing_columns:
    'The file is missing required columns: the header row must include the columns ma_ban_ghi, ho_ten and ngay_sinh. Please use an extract file that follows the template.',
  ward_required: 'Please choose the ward or commune (phường, xã) of the population register before the first import.',
  unknown_ward: 'There is no ward or commune with this code in the 2025 list of administrative units.',
  import_busy: 'Another file is being imported. Please wait until that import has finished.',
  review_refused: 'The population register does not accept this action for the selected finding.',
  export_failed:
    'The list of findings could not be saved. Please check that the chosen folder has free space and write permission, and that the file is not open in Excel.',
  application_refused: 'The population register did not accept this step of the application. Reason:',
  catalog_unreadable: 'The procedure catalogue file could not be read. Please check the path and that the file is in TOML (UTF-8) format:',
  catalog_invalid: 'The procedure catalogue was not loaded. Please correct the file for each reason below, then load it again:',
  print_failed:
    "The printout file could not be saved in the software's data folder. Please check that the disk has free space and that the old PDF file is not open.",
  invalid_range: 'The figures could not be calculated for this selection. Reason:',
  scan_folder_unreadable: "The scanner's photo folder could not be read. Please check the path in Settings and that the scanner is plugged in:",
  ward_figures_unavailable: "The whole ward's figures could not be fetched: this computer is not enrolled with the ward server, or the server does not answer. This computer's own figures can still be seen.",
  internal: 'An unexpected error occurred in the software. Please try again; if the problem persists, tell your technical support officer.',
};

/** A code this version does not know, named so support can find it. */
export const unknownCodeEn = (code: string) => `An unknown error occurred (code: ${code}). Please tell your technical support officer.`;
