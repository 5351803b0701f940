/** The parts of a CloudFormation template the emulator reads (values stay raw JSON until resolved). */
export interface TemplateParameter {
  Type: string;
  Default?: unknown;
  NoEcho?: boolean | string;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  Description?: string;
  MinLength?: number;
  MaxLength?: number;
  MinValue?: number;
  MaxValue?: number;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

export interface TemplateOutput {
  Value: unknown;
  Description?: string;
  Condition?: string;
  Export?: { Name: unknown };
}

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Transform?: unknown;
  Parameters?: Record<string, TemplateParameter>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, TemplateOutput>;
  Metadata?: Record<string, unknown>;
}
