/** The Python that runs the Django backend. */
export const python: string
/** backends/django, absolute. */
export const backendDir: string
