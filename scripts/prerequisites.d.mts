export declare const chromiumPath: () => string;
export declare function missingPrerequisites(): { what: string; apt: string }[];
