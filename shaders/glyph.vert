#version 330 core
// One glyph quad: top-left and size in pixels (origin top-left, y down), atlas UVs; its four
// vertices carry the same attributes and gl_VertexID & 3 picks the corner.
layout(location = 0) in vec2 aPosition;
layout(location = 1) in vec2 aSize;
layout(location = 2) in vec4 aUv; // xy: top-left, zw: bottom-right
layout(location = 3) in vec4 aColor;

uniform vec2 uViewport;

out vec2 vUv;
flat out vec4 vColor;

void main()
{
    vec2 corner = vec2((gl_VertexID & 1) == 0 ? 0.0 : 1.0, (gl_VertexID & 2) == 0 ? 0.0 : 1.0);
    vec2 p = aPosition + corner * aSize;
    vUv = mix(aUv.xy, aUv.zw, corner);
    vColor = aColor;
    vec2 ndc = p / uViewport * 2.0 - 1.0;
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
