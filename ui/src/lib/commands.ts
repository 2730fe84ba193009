// Generated from the commands in src-tauri by `make bindings`. Do not edit by hand.

import type { Channel } from '@tauri-apps/api/core';
import type { AccountEnvironments, AppInfo, AwsConfigProfileView, BlueprintDetail, BlueprintListItem, CallerIdentityView, CreateEnvironmentInput, EnvironmentDetail, EnvironmentSummary, EnvironmentUsers, Event, FirstPaint, ImportResultView, JobKind, JobView, LogLine, LogTail, PlanOutcome, ProfileDetail, ProfileSummary, SaveOutcome, SaveProfileInput, SaveProfileResult, UsersCheckOutcome, UsersImportResult, UsersTarget } from './bindings';

/** Every command the window may call: the arguments it sends, under the keys Tauri reads, and what it gets back. */
export interface Commands {
  app_info: {
    args: null;
    returns: AppInfo;
  };
  first_paint: {
    args: null;
    returns: FirstPaint;
  };
  list_profiles: {
    args: null;
    returns: Array<ProfileSummary>;
  };
  get_profile: {
    args: {
      name: string;
    };
    returns: ProfileDetail;
  };
  save_profile: {
    args: {
      input: SaveProfileInput;
    };
    returns: SaveProfileResult;
  };
  delete_profile: {
    args: {
      name: string;
    };
    returns: void;
  };
  set_default_profile: {
    args: {
      name: string;
    };
    returns: void;
  };
  test_profile: {
    args: {
      name: string;
      mfaCode: string | null;
    };
    returns: CallerIdentityView;
  };
  list_aws_config_profiles: {
    args: null;
    returns: Array<AwsConfigProfileView>;
  };
  import_aws_profiles: {
    args: {
      names: Array<string>;
    };
    returns: Array<ImportResultView>;
  };
  list_blueprints: {
    args: null;
    returns: Array<BlueprintListItem>;
  };
  get_blueprint: {
    args: {
      name: string;
    };
    returns: BlueprintDetail;
  };
  plan_blueprint: {
    args: {
      name: string;
      source: string | null;
      overrides: { [key in string]: string } | null;
      profile: string | null;
    };
    returns: PlanOutcome;
  };
  save_user_blueprint: {
    args: {
      name: string;
      basedOn: string | null;
      source: string;
    };
    returns: SaveOutcome;
  };
  delete_user_blueprint: {
    args: {
      name: string;
    };
    returns: boolean;
  };
  check_users_file: {
    args: {
      path: string;
      roles: Array<string> | null;
    };
    returns: UsersCheckOutcome;
  };
  import_users: {
    args: {
      env: string;
      path: string;
      acceptValid: boolean;
      roles: Array<string> | null;
    };
    returns: UsersImportResult;
  };
  list_users: {
    args: {
      env: string;
    };
    returns: EnvironmentUsers;
  };
  export_users: {
    args: {
      env: string;
      path: string;
    };
    returns: number;
  };
  users_targets: {
    args: null;
    returns: Array<UsersTarget>;
  };
  pick_users_file: {
    args: null;
    returns: string | null;
  };
  pick_export_path: {
    args: {
      defaultName: string;
    };
    returns: string | null;
  };
  list_environments: {
    args: null;
    returns: Array<EnvironmentSummary>;
  };
  get_environment: {
    args: {
      name: string;
    };
    returns: EnvironmentDetail;
  };
  create_environment: {
    args: {
      input: CreateEnvironmentInput;
    };
    returns: EnvironmentSummary;
  };
  extend_environment: {
    args: {
      name: string;
      by: string;
    };
    returns: EnvironmentSummary;
  };
  set_office_hours: {
    args: {
      name: string;
      hours: string;
    };
    returns: EnvironmentSummary;
  };
  account_environments: {
    args: {
      profile: string;
    };
    returns: AccountEnvironments;
  };
  adopt_environment: {
    args: {
      name: string;
      profile: string;
    };
    returns: EnvironmentSummary;
  };
  set_team_mode: {
    args: {
      profile: string;
      on: boolean;
      bucket: string | null;
      prefix: string | null;
    };
    returns: void;
  };
  job_logs: {
    args: {
      jobId: number;
      afterId: number;
      limit: number;
    };
    returns: Array<LogLine>;
  };
  job_log_tail: {
    args: {
      jobId: number;
      beforeId: number | null;
      limit: number;
    };
    returns: LogTail;
  };
  job_history: {
    args: null;
    returns: Array<JobView>;
  };
  interrupted_jobs: {
    args: null;
    returns: Array<JobView>;
  };
  environment_password: {
    args: {
      name: string;
    };
    returns: string;
  };
  run_job: {
    args: {
      kind: JobKind;
      name: string;
      confirmName: string | null;
      onEvent: Channel<Event>;
    };
    returns: JobView;
  };
  answer_mfa_prompt: {
    args: {
      requestId: number;
      code: string | null;
    };
    returns: void;
  };
}
