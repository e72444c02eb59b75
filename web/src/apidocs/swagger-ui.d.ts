// The part of swagger-ui's JavaScript API this app uses (the package ships no types).
declare module 'swagger-ui' {
  export interface SwaggerRequest {
    url: string;
    method?: string;
    headers: Record<string, string>;
    [key: string]: unknown;
  }
  export interface SwaggerOptions {
    domNode: HTMLElement;
    url: string;
    deepLinking?: boolean;
    docExpansion?: 'list' | 'full' | 'none';
    defaultModelsExpandDepth?: number;
    displayRequestDuration?: boolean;
    displayOperationId?: boolean;
    filter?: boolean | string;
    tryItOutEnabled?: boolean;
    showExtensions?: boolean;
    requestInterceptor?: (req: SwaggerRequest) => SwaggerRequest;
    onComplete?: () => void;
  }
  export default function SwaggerUI(options: SwaggerOptions): unknown;
}
