#version 330 core
in vec2 vLocal;
flat in vec2 vHalfExtent;
flat in vec4 vColor;

out vec4 fragColor;

void main()
{
    // Coverage of this pixel by the box, one pixel of ramp at each edge (exact 1 or 0 for
    // axis-aligned rectangles on whole pixels).
    vec2 coverage = clamp(vHalfExtent + 0.5 - abs(vLocal), 0.0, 1.0);
    float alpha = coverage.x * coverage.y * vColor.a;
    if (alpha <= 0.0)
        discard;
    fragColor = vec4(vColor.rgb, alpha);
}
