// What component sources import from '@dash-renderer/types' (not shipped on npm), declared for
// react-docgen: the props every Dash component gets from the renderer, and the component type.
export type DashComponent = React.ReactNode;

export interface BaseDashProps {
    /**
     * The ID of this component, used to identify dash components in callbacks. The ID needs to be
     * unique across all of the components in an app.
     */
    id?: string | Record<string, string | number | boolean>;
    componentPath?: Array<string | number>;
}
