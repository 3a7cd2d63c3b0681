import type { AccountMessages } from './en'

/** The account page in Korean, in 해요체, typed by the English catalogue, key for key. */
export const accountKo: AccountMessages = {
  heading: '계정',
  lead: 'Reel에 로그인하는 방법이에요.',
  loadFailed: '계정 정보를 불러오지 못했어요. 인터넷 연결을 확인하고 다시 시도해 주세요.',
  retry: '다시 시도',
  passwordHeading: '비밀번호',
  passwordSetLead:
    '아직 비밀번호가 없어요. 비밀번호를 정하면 간편 로그인 없이도 로그인할 수 있어요.',
  passwordChangeLead: '비밀번호를 바꾸면 다른 모든 기기에서 로그아웃돼요.',
  currentPassword: '현재 비밀번호',
  newPassword: '새 비밀번호',
  newPasswordHint: (min: number, max: number) =>
    `${min}~${max}자, 아이디를 포함하지 않게 정해 주세요.`,
  setPassword: '비밀번호 설정',
  changePassword: '비밀번호 변경',
  passwordChanged: '비밀번호를 바꿨어요. 다른 기기에서는 로그아웃됐어요.',
  passwordSet: '비밀번호를 설정했어요.',
  weakPassword: (min: number, max: number) =>
    `아이디를 포함하지 않는 ${min}~${max}자 비밀번호를 정해 주세요.`,
  wrongCurrentPassword: '현재 비밀번호가 맞지 않아요.',
  providersHeading: '연결된 계정',
  providersLead: '이 서비스로도 로그인할 수 있어요.',
  noProviders: '연결된 서비스가 없어요.',
  unlink: '연결 해제',
  unlinkLabel: (provider: string) => `${provider} 연결 해제`,
  unlinked: (provider: string) => `${provider} 연결을 해제했어요.`,
  lastSignInMethod:
    '로그인할 수 있는 유일한 방법이에요. 먼저 비밀번호를 정하거나 패스키를 추가해 주세요.',
  passkeysHeading: '패스키',
  passkeysLead:
    '비밀번호 대신 지문, 얼굴 또는 화면 잠금으로 로그인해요. 패스키는 피싱당하지 않아요.',
  noPasskeys: '아직 패스키가 없어요.',
  passkeysLoading: '패스키를 불러오고 있어요…',
  passkeysFailed: '패스키를 불러오지 못했어요. 인터넷 연결을 확인하고 다시 시도해 주세요.',
  addPasskey: '패스키 추가',
  passkeyAdded: (name: string) => `패스키 "${name}"을(를) 추가했어요.`,
  passkeyNotAdded: '패스키를 추가하지 않았어요.',
  passkeyInvalid: '패스키를 확인하지 못했어요. 다시 시도해 주세요.',
  created: '생성',
  lastUsed: '마지막 사용',
  neverUsed: '사용한 적 없음',
  synced: '내 기기 간 동기화됨',
  thisDevice: '한 기기에만 있음',
  rename: '이름 변경',
  passkeyName: '패스키 이름',
  save: '저장',
  cancel: '취소',
  delete: '삭제',
  deleteConfirmHeading: '이 패스키를 삭제할까요?',
  deleteConfirmBody: (name: string) =>
    `"${name}"(으)로는 더 이상 로그인할 수 없어요. 기기의 비밀번호 관리자에서도 지워 주세요.`,
  actionFailed: '처리하지 못했어요. 인터넷 연결을 확인하고 다시 시도해 주세요.',
}
